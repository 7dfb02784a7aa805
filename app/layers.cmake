# SPDX-License-Identifier: Apache-2.0
# The layers of the code base and the rule between them: each folder is one static library,
# and the libraries a layer links (target_link_libraries in its folder) are the only other
# layers it may use. CMake accepts cycles between STATIC libraries (it repeats them on the
# link line), so this file refuses them itself, once the whole tree is configured, and
# writes what each layer may reach for the test `architecture_includes`
# (tests/architecture/checkincludes.cmake), which holds every #include to it.
#
# Included from app/CMakeLists.txt, which calls zapito_check_layers() once the tree is configured.

# Where each layer's sources live, relative to the project root.
function(zapito_layer_folder layer out)
    if(layer STREQUAL "models" OR layer STREQUAL "ui")
        set(${out} "${layer}" PARENT_SCOPE)
    else()
        set(${out} "app/${layer}" PARENT_SCOPE)
    endif()
endfunction()

# zapito_check_layers(<output file> <layer>...): fails configuring on a cycle between the
# zapito_<layer> targets, else writes what each layer may reach to <output file>.
function(zapito_check_layers output)
    set(ZAPITO_LAYERS ${ARGN})
    # Direct edges: the zapito_* layers each layer links, PRIVATE or PUBLIC.
    foreach(layer IN LISTS ZAPITO_LAYERS)
        if(NOT TARGET zapito_${layer})
            message(FATAL_ERROR "layers.cmake: the layer '${layer}' has no target zapito_${layer}")
        endif()
        get_target_property(libs zapito_${layer} LINK_LIBRARIES)
        set(deps_${layer})
        foreach(lib IN LISTS libs)
            if(lib MATCHES "^zapito_(.+)$" AND CMAKE_MATCH_1 IN_LIST ZAPITO_LAYERS)
                list(APPEND deps_${layer} ${CMAKE_MATCH_1})
            endif()
        endforeach()
    endforeach()

    # Kahn's algorithm: take layers whose dependencies are all taken; whatever is left over
    # sits on a cycle (or depends on one).
    set(order)
    set(left ${ZAPITO_LAYERS})
    while(left)
        set(progress FALSE)
        foreach(layer IN LISTS left)
            set(ready TRUE)
            foreach(dep IN LISTS deps_${layer})
                if(NOT dep IN_LIST order)
                    set(ready FALSE)
                endif()
            endforeach()
            if(ready)
                list(APPEND order ${layer})
                list(REMOVE_ITEM left ${layer})
                set(progress TRUE)
            endif()
        endforeach()
        if(NOT progress)
            set(edges)
            foreach(layer IN LISTS left)
                list(JOIN deps_${layer} "," joined)
                list(APPEND edges "${layer} -> ${joined}")
            endforeach()
            list(JOIN edges "; " edges)
            message(FATAL_ERROR "The app libraries depend on each other in a cycle: ${edges}. "
                                "Move the shared type down to the layer both may use.")
        endif()
    endwhile()

    # What each layer may reach (transitively), in dependency order, for the include test.
    set(out "# Written by app/layers.cmake; read by tests/architecture/checkincludes.cmake.\n")
    string(APPEND out "set(ZAPITO_LAYERS ${order})\n")
    foreach(layer IN LISTS order)
        set(reach ${deps_${layer}})
        foreach(dep IN LISTS deps_${layer})
            list(APPEND reach ${reach_${dep}})
        endforeach()
        list(REMOVE_DUPLICATES reach)
        set(reach_${layer} ${reach})
        zapito_layer_folder(${layer} folder)
        string(APPEND out "set(ZAPITO_FOLDER_${layer} \"${folder}\")\n")
        string(APPEND out "set(ZAPITO_REACH_${layer} ${reach})\n")
    endforeach()
    file(WRITE "${output}" "${out}")
endfunction()
